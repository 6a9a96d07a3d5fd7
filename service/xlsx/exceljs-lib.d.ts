// The one deep import of exceljs (see workbook.ts): the class its index exports as Workbook.
declare module 'exceljs/lib/doc/workbook.js' {
  const Workbook: unknown;
  export default Workbook;
}
