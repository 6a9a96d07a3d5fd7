// Prints the workbook-contract tables for README.md: `npx tsx scripts/contract-table.ts`.
import { contractMarkdown } from '../shared/contract-doc';
console.log(contractMarkdown());
