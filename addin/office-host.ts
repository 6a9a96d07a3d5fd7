// Is the pane inside Office, and can office.js be had? office.js comes from Microsoft's CDN (as
// published add-ins must), else from the service's copy of @microsoft/office-js; the page works
// without either (standalone), as it must with no internet.

/** What office.js itself looks at to find its host (office.debug.js, _retrieveHostInfo). */
export interface HostHints {
  search: string;
  windowName: string;
  sessionHostInfo: string | null;
  hasExternalHostInfo: boolean; // window.external.GetHostInfo (Office on Windows)
  hasAgaveHost: boolean; // agaveHost (Office on Mac / iPad)
}

/** False only when none of office.js's host hints is there: a plain browser tab, go standalone now. */
export function mayBeInOffice(h: HostHints): boolean {
  if (/[?&]_host_Info=/i.test(h.search)) return true;
  if (h.hasExternalHostInfo || h.hasAgaveHost || h.sessionHostInfo) return true;
  try {
    return !!(JSON.parse(h.windowName) as { hostInfo?: unknown } | null)?.hostInfo;
  } catch {
    return false;
  }
}

export function hostHints(w: Window & { agaveHost?: unknown }): HostHints {
  let session: string | null = null;
  try {
    session = w.sessionStorage.getItem('hostInfoValue');
  } catch {
    session = null; // storage blocked
  }
  const ext = (w as unknown as { external?: { GetHostInfo?: unknown } }).external;
  return { search: w.location.search, windowName: w.name, sessionHostInfo: session, hasExternalHostInfo: typeof ext?.GetHostInfo === 'function', hasAgaveHost: w.agaveHost !== undefined };
}

export const OFFICE_JS_SOURCES = ['https://appsforoffice.microsoft.com/lib/1/hosted/office.js', 'office-js/office.js'];
/** Office 365 operated by 21Vianet (China) serves office.js from its own CDN. */
export const OFFICE_JS_21VIANET = 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js';

/** Where to load office.js from: 21Vianet's CDN first when Excel on the web frames the pane from a 21Vianet host. */
export function officeJsSources(frameOrigin: string | undefined): string[] {
  let host = '';
  try {
    host = frameOrigin ? new URL(frameOrigin).hostname : '';
  } catch {
    host = '';
  }
  return /(^|\.)(partner\.office365\.cn|sharepoint\.cn)$/i.test(host) ? [OFFICE_JS_21VIANET, ...OFFICE_JS_SOURCES] : OFFICE_JS_SOURCES;
}

function loadScript(doc: Document, src: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = doc.createElement('script');
    // A failed tag is removed: office.js finds its own base URL (for the files it loads next)
    // from the script tags on the page, and must not pick the CDN one that failed.
    const fail = () => (clearTimeout(timer), s.remove(), resolve(false));
    const timer = setTimeout(fail, timeoutMs);
    s.src = src;
    s.onload = () => (clearTimeout(timer), resolve(true));
    s.onerror = fail;
    doc.head.appendChild(s);
  });
}

/** Load office.js from the first source that answers; undefined when none does. */
export async function loadOfficeJs(doc: Document, sources = OFFICE_JS_SOURCES, timeoutMs = 8000): Promise<typeof Office | undefined> {
  const g = globalThis as { Office?: typeof Office };
  for (const src of sources) {
    if (g.Office) break;
    await loadScript(doc, src, timeoutMs);
  }
  return g.Office;
}

/** Office.onReady, bounded: outside Office it may never settle. */
export async function officeReady(office: typeof Office, timeoutMs = 10000): Promise<{ host: Office.HostType | null } | undefined> {
  return Promise.race([office.onReady().then((info) => ({ host: info.host })), new Promise<undefined>((r) => setTimeout(() => r(undefined), timeoutMs))]);
}
