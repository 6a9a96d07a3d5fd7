// manifest.xml: valid against the official schema, and what Office needs structurally: a GUID id,
// HTTPS everywhere, resource ids that resolve, icons that exist at their declared size, and
// ribbon buttons whose ?action= the pane understands.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { describe, expect, it } from 'vitest';
import { actionFromUrl } from '../../addin/launch';

// xml2js comes with office-addin-manifest (a dev dependency); it has no bundled types.
const { parseStringPromise } = createRequire(import.meta.url)('xml2js') as { parseStringPromise: (xml: string, opts?: object) => Promise<XmlNode> };
type XmlNode = { $?: Record<string, string>; _?: string; [child: string]: unknown };

const MANIFEST = 'manifest.xml';
// The schema copy lives beside the repository (../shared), not in it; xmllint from libxml2-utils.
const SCHEMA = '../shared/schemas/office-manifest/OfficeAppManifestV1_1.xsd';
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
  it.skipIf(!existsSync(SCHEMA))('validates against the Office add-in manifest schema (task pane, VersionOverrides 1.0)', () => {
    const r = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, MANIFEST], { encoding: 'utf8' });
    expect(r.error, 'xmllint is not installed (apt-get install libxml2-utils)').toBeUndefined();
    expect(r.stderr.trim()).toBe('manifest.xml validates');
    expect(r.status).toBe(0);
  });

  it('is an Excel task pane add-in with a fixed GUID, read/write access and ExcelApi 1.8', async () => {
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST);
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultSettings?.sourceLocation).toBe('https://localhost:3000/taskpane.html');
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
      if (el === 'SourceLocation' || el === 'LearnMoreUrl') return 'Urls';
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
    const icons = [...sized, ['IconUrl', 32] as const, ['HighResolutionIconUrl', 64] as const].map(([id, size]) => {
      const url = urlOf.get(id) ?? nodes.find((n) => n.path === `OfficeApp/${id}`)!.attrs.DefaultValue;
      const file = `addin${new URL(url).pathname}`; // served from dist/addin, built from addin/
      const png = readFileSync(file);
      // PNG signature, then IHDR: width and height as big-endian 32-bit at bytes 16 and 20
      return { file, size, width: png.readUInt32BE(16), height: png.readUInt32BE(20), png: png.subarray(1, 4).toString('ascii') };
    });
    expect(icons.length).toBeGreaterThanOrEqual(5);
    for (const i of icons) expect(i, i.file).toMatchObject({ width: i.size, height: i.size, png: 'PNG' });
  });

  it('has Plan, Quote, Suppliers and Open pane buttons whose URLs the pane understands', async () => {
    const nodes = await elements();
    const urls = new Map(nodes.filter((n) => n.path.endsWith('/bt:Urls/bt:Url')).map((n) => [n.attrs.id, n.attrs.DefaultValue]));
    const controls = nodes.filter((n) => n.path.endsWith('/Group/Control'));
    expect(controls.map((c) => c.attrs.id)).toEqual(['Mto.Plan', 'Mto.Quote', 'Mto.Suppliers', 'Mto.Open']);
    const sources = nodes.filter((n) => n.path.endsWith('/Control/Action/SourceLocation')).map((n) => actionFromUrl(urls.get(n.attrs.resid)!));
    expect(sources).toEqual(['plan', 'quote', 'suppliers', undefined]);
    // one pane for all buttons: the same TaskpaneId everywhere
    expect(new Set(nodes.filter((n) => n.path.endsWith('/Action/TaskpaneId')).map((n) => n.text)).size).toBe(1);
  });
});
