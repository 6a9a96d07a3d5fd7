// manifest.xml: valid against the official schema, and what Microsoft's validation and deployment
// check beyond it: a GUID id, Version 1.0.0.0 or more, HTTPS everywhere, a support page that
// exists, resource ids that resolve, icons at every size Office asks for, and ribbon buttons that
// call functions the pane registers, in one shared runtime.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { RIBBON_FUNCTIONS } from '../../addin/ribbon';
import { MANIFEST_ORIGIN, manifestFor } from '../../service/routes/static';

// xml2js comes with office-addin-manifest (a dev dependency); it has no bundled types.
const { parseStringPromise } = createRequire(import.meta.url)('xml2js') as { parseStringPromise: (xml: string, opts?: object) => Promise<XmlNode> };
type XmlNode = { $?: Record<string, string>; _?: string; [child: string]: unknown };

const MANIFEST = 'manifest.xml';
// Microsoft's published schemas, copied into test/addin/schemas; xmllint from libxml2-utils.
const SCHEMA = 'test/addin/schemas/OfficeAppManifestV1_1.xsd';
const xml = readFileSync(MANIFEST, 'utf8');

/** Every element in document order with its path, attributes and text. */
function walk(node: XmlNode, path: string, out: { path: string; attrs: Record<string, string>; text?: string }[] = []) {
  out.push({ path, attrs: node.$ ?? {}, text: typeof node._ === 'string' ? node._.trim() : undefined });
  for (const [k, v] of Object.entries(node)) {
    if (k === '$' || k === '_') continue;
    for (const child of v as (XmlNode | string)[]) walk(typeof child === 'string' ? { _: child } : child, `${path}/${k}`, out);
  }
  return out;
}

const elements = async () => walk(((await parseStringPromise(xml)) as { OfficeApp: XmlNode }).OfficeApp, 'OfficeApp');

describe('manifest.xml', () => {
  it('validates against the Office add-in manifest schema, except <Runtimes>, which that schema predates', () => {
    const lint = (file: string) => spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
    const full = lint(MANIFEST);
    expect(full.error, 'xmllint is not installed (apt-get install libxml2-utils)').toBeUndefined();
    // The schema copies (2015) predate the shared runtime; the current documentation puts
    // <Runtimes> first in <Host xsi:type="Workbook">. That is the one complaint, and without it
    // the manifest validates.
    expect(full.stderr.split('\n').filter((l) => l.includes('error'))).toEqual([
      expect.stringMatching(/Element '\{http:\/\/schemas\.microsoft\.com\/office\/taskpaneappversionoverrides\}Runtimes': This element is not expected/),
    ]);
    const stripped = join(tempDir('manifest-'), 'manifest.xml');
    writeFileSync(stripped, xml.replace(/<Runtimes>[\s\S]*?<\/Runtimes>/, ''));
    const r = lint(stripped);
    expect(r.stderr.trim()).toBe(`${stripped} validates`);
    expect(r.status).toBe(0);
  });

  it('passes what Microsoft checks beyond the schema: version, support page, icon sizes, function file', async () => {
    const nodes = await elements();
    const text = (path: string) => nodes.find((n) => n.path === path)?.text;
    const attr = (path: string) => nodes.find((n) => n.path === path)?.attrs.DefaultValue;
    // "Manifest Version Too Low": the store and central deployment want 1.0.0.0 or more.
    const version = text('OfficeApp/Version')!.split('.').map(Number);
    expect(version[0]).toBeGreaterThanOrEqual(1);
    // A support page that is not the add-in itself, and exists in the build.
    const support = new URL(attr('OfficeApp/SupportUrl')!);
    expect(support.pathname).toBe('/support.html');
    expect(readFileSync(`addin${support.pathname}`, 'utf8')).toContain('MTO Planner');
    // The add-in list: 64 px (IconUrl) and 128 px (HighResolutionIconUrl).
    expect([attr('OfficeApp/IconUrl'), attr('OfficeApp/HighResolutionIconUrl')].map((u) => new URL(u!).pathname)).toEqual(['/assets/icon-64.png', '/assets/icon-128.png']);
    // Every ribbon icon at the three required sizes and the five high-DPI ones.
    const icons = nodes.filter((n) => n.path.endsWith('/Icon'));
    expect(icons.length).toBe(5); // the group and four buttons
    const sizes = nodes.filter((n) => /\/Icon\/bt:Image$/.test(n.path)).map((n) => n.attrs.size);
    for (const size of ['16', '20', '24', '32', '40', '48', '64', '80']) expect(sizes.filter((x) => x === size), `size ${size}`).toHaveLength(5);
    // Shared runtime: the runtime, the function file and the pane are one page (one resid).
    const runtime = nodes.find((n) => n.path.endsWith('/Runtimes/Runtime'))!;
    expect(runtime.attrs).toEqual({ resid: 'Taskpane.Url', lifetime: 'long' });
    expect(nodes.find((n) => n.path.endsWith('/DesktopFormFactor/FunctionFile'))!.attrs.resid).toBe('Taskpane.Url');
    expect(nodes.filter((n) => n.path.endsWith('/Action/SourceLocation')).map((n) => n.attrs.resid)).toEqual(['Taskpane.Url']);
  });

  it('is an Excel task pane add-in with a fixed GUID, read/write access and ExcelApi 1.8', async () => {
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST);
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultSettings?.sourceLocation).toBe('https://localhost:3000/taskpane.html');
    expect(info.version).toBe('1.0.0.0');
    const nodes = await elements();
    expect(nodes.filter((n) => n.path.endsWith('/Requirements/Sets/Set')).map((n) => n.attrs)).toEqual([{ Name: 'ExcelApi', MinVersion: '1.8' }]);
  });

  it('uses HTTPS for every URL', async () => {
    const nodes = await elements();
    const urls = [
      ...nodes.flatMap((n) => Object.entries(n.attrs).filter(([k, v]) => !k.startsWith('xmlns') && /^[a-z]+:\/\//i.test(v)).map(([, v]) => v)),
      ...nodes.filter((n) => n.text && /^[a-z]+:\/\//i.test(n.text)).map((n) => n.text!),
    ];
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.filter((u) => !u.startsWith('https://'))).toEqual([]);
  });

  it('resolves every resid to a resource of the right kind', async () => {
    const nodes = await elements();
    const res = (kind: string) => new Set(nodes.filter((n) => n.path.endsWith(`/Resources/bt:${kind}/bt:${kind === 'Images' ? 'Image' : kind === 'Urls' ? 'Url' : 'String'}`)).map((n) => n.attrs.id));
    const kinds = { Images: res('Images'), Urls: res('Urls'), ShortStrings: res('ShortStrings'), LongStrings: res('LongStrings') };
    const refs = nodes.filter((n) => n.attrs.resid);
    expect(refs.length).toBeGreaterThan(20);
    const kindOf = (path: string): keyof typeof kinds => {
      const el = path.split('/').pop()!;
      if (el === 'bt:Image') return 'Images';
      if (['SourceLocation', 'LearnMoreUrl', 'Runtime', 'FunctionFile'].includes(el)) return 'Urls';
      if (el === 'Description') return 'LongStrings';
      return 'ShortStrings'; // Label, Title
    };
    const unresolved = refs.filter((n) => !kinds[kindOf(n.path)].has(n.attrs.resid)).map((n) => `${n.path} → ${n.attrs.resid}`);
    expect(unresolved).toEqual([]);
    // ids are unique across resources and at most 32 characters (the schema's ReferenceId)
    const ids = nodes.filter((n) => n.path.includes('/Resources/') && n.attrs.id).map((n) => n.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.length > 32)).toEqual([]);
  });

  it('declares icons that exist in addin/assets at their stated sizes', async () => {
    const nodes = await elements();
    const images = nodes.filter((n) => n.path.endsWith('/bt:Images/bt:Image'));
    const sized = nodes.filter((n) => n.path.endsWith('/bt:Image') && n.attrs.size).map((n) => [n.attrs.resid, Number(n.attrs.size)] as const);
    const urlOf = new Map(images.map((n) => [n.attrs.id, n.attrs.DefaultValue]));
    const icons = [...sized, ['IconUrl', 64] as const, ['HighResolutionIconUrl', 128] as const].map(([id, size]) => {
      const url = urlOf.get(id) ?? nodes.find((n) => n.path === `OfficeApp/${id}`)!.attrs.DefaultValue;
      const file = `addin${new URL(url).pathname}`; // served from dist/addin, built from addin/
      const png = readFileSync(file);
      // PNG signature, then IHDR: width and height as big-endian 32-bit at bytes 16 and 20
      return { file, size, width: png.readUInt32BE(16), height: png.readUInt32BE(20), png: png.subarray(1, 4).toString('ascii') };
    });
    expect(icons.length).toBeGreaterThanOrEqual(5);
    for (const i of icons) expect(i, i.file).toMatchObject({ width: i.size, height: i.size, png: 'PNG' });
  });

  it('has Plan, Quote, Suppliers buttons that call the pane\'s functions, and Open pane', async () => {
    const nodes = await elements();
    const controls = nodes.filter((n) => n.path.endsWith('/Group/Control'));
    expect(controls.map((c) => c.attrs.id)).toEqual(['Mto.Plan', 'Mto.Quote', 'Mto.Suppliers', 'Mto.Open']);
    expect(nodes.filter((n) => n.path.endsWith('/Control/Action')).map((n) => n.attrs['xsi:type'])).toEqual(['ExecuteFunction', 'ExecuteFunction', 'ExecuteFunction', 'ShowTaskpane']);
    // every FunctionName is one the pane registers with Office.actions.associate, and each job once
    const names = nodes.filter((n) => n.path.endsWith('/Action/FunctionName')).map((n) => n.text!);
    expect(names.map((f) => RIBBON_FUNCTIONS[f])).toEqual(['plan', 'quote', 'suppliers']);
    // one pane: a shared runtime supports one task pane only
    expect(new Set(nodes.filter((n) => n.path.endsWith('/Action/TaskpaneId')).map((n) => n.text)).size).toBe(1);
  });

  it('is served for another host without hand edits: every URL moves, nothing else changes', async () => {
    const moved = manifestFor(xml, 'https://planner.example.cn:8443');
    expect(moved).not.toContain(MANIFEST_ORIGIN);
    expect(moved.split('https://planner.example.cn:8443').length).toBe(xml.split(MANIFEST_ORIGIN).length);
    expect(manifestFor(xml, undefined)).toBe(xml);
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST);
    const dir = tempDir('manifest-');
    writeFileSync(join(dir, 'manifest.xml'), moved);
    const other = await OfficeAddinManifest.readManifestFile(join(dir, 'manifest.xml'));
    expect(other.defaultSettings?.sourceLocation).toBe('https://planner.example.cn:8443/taskpane.html');
    expect(other.appDomains).toEqual(['https://planner.example.cn:8443']);
    const urlsAside = { defaultSettings: undefined, iconUrl: undefined, highResolutionIconUrl: undefined, supportUrl: undefined, appDomains: undefined };
    expect({ ...other, ...urlsAside }).toEqual({ ...info, ...urlsAside });
  });
});
