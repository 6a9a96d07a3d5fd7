// Static files: the built task pane at /, the add-in manifest, its icons, and office.js from
// node_modules as the offline fallback for Microsoft's CDN.
import express, { Router } from 'express';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crossOriginAssets, ownOrigin } from './security';

/** The origin manifest.xml is written for; every URL in it starts with it. */
export const MANIFEST_ORIGIN = 'https://localhost:3000';

/**
 * manifest.xml for the address Excel will use: MTO_PUBLIC_URL, else this server's own origin when
 * it serves HTTPS (Excel loads add-ins over HTTPS only; over plain HTTP the file is sent as it is).
 */
export function manifestFor(xml: string, origin: string | undefined): string {
  return origin ? xml.split(MANIFEST_ORIGIN).join(origin) : xml;
}

export function staticRoutes(root: string, publicUrl?: string): Router {
  const r = Router();
  const opts = { fallthrough: true, index: false as const, maxAge: '5m' };
  r.get('/', (_req, res) => res.redirect('/taskpane.html'));
  r.get('/manifest.xml', (req, res, next) => {
    readFile(join(root, 'manifest.xml'), 'utf8').then(
      (xml) => res.type('application/xml').set('Cache-Control', 'no-cache').send(manifestFor(xml, publicUrl ?? (req.protocol === 'https' ? ownOrigin(req) : undefined))),
      () => next(),
    );
  });
  // Icons: loaded cross-origin by Excel on the web, and without Cache-Control (Office caches them
  // itself and shows a generic icon when the server sends one).
  r.use('/assets', crossOriginAssets, (req, _res, next) => next(/\.(png|svg|ico)$/i.test(req.path) ? undefined : 'router'), express.static(join(root, 'addin', 'assets'), { ...opts, cacheControl: false }));
  r.use('/office-js', express.static(join(root, 'node_modules', '@microsoft', 'office-js', 'dist'), { ...opts, maxAge: '1d' }));
  r.use(express.static(join(root, 'dist', 'addin'), { ...opts, maxAge: 0 }));
  return r;
}
