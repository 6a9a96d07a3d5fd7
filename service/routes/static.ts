// Static files: the built task pane at /, the add-in manifest, its icons, and office.js from
// node_modules as the offline fallback for Microsoft's CDN.
import express, { Router } from 'express';
import { join } from 'node:path';

export function staticRoutes(root: string): Router {
  const r = Router();
  const opts = { fallthrough: true, index: false as const, maxAge: '5m' };
  r.get('/', (_req, res) => res.redirect('/taskpane.html'));
  r.get('/manifest.xml', (_req, res, next) => res.type('application/xml').sendFile(join(root, 'manifest.xml'), (err) => err && next()));
  r.use('/assets', (req, _res, next) => next(/\.(png|svg|ico)$/i.test(req.path) ? undefined : 'router'), express.static(join(root, 'addin', 'assets'), opts));
  r.use('/office-js', express.static(join(root, 'node_modules', '@microsoft', 'office-js', 'dist'), { ...opts, maxAge: '1d' }));
  r.use(express.static(join(root, 'dist', 'addin'), { ...opts, maxAge: 0 }));
  return r;
}
