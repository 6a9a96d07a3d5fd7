// Files waiting to be fetched by a plain GET: Office on Mac ignores <a download> in the task pane,
// so the pane asks for a one-off link and opens it in the user's browser
// (Office.context.ui.openBrowserWindow), which cannot send the API token. The link's random id is
// the permission; it lives a few minutes and the store holds only a few files.
import { randomBytes } from 'node:crypto';
import { Router } from 'express';

interface Entry {
  bytes: Buffer;
  name: string;
  type: string;
  expires: number;
}

export class Downloads {
  private readonly files = new Map<string, Entry>();
  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly max = 32,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps the file; returns its path, /downloads/<id>. */
  put(bytes: Buffer, name: string, type: string): string {
    this.sweep();
    while (this.files.size >= this.max) this.files.delete(this.files.keys().next().value!);
    const id = randomBytes(24).toString('base64url');
    this.files.set(id, { bytes, name, type, expires: this.now() + this.ttlMs });
    return `/downloads/${id}`;
  }

  get(id: string): Entry | undefined {
    this.sweep();
    return this.files.get(id);
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, e] of this.files) if (e.expires <= t) this.files.delete(id);
  }
}

export function downloadRoutes(downloads: Downloads): Router {
  const r = Router();
  r.get('/downloads/:id', (req, res, next) => {
    const f = downloads.get(req.params.id);
    if (!f) return next();
    res.attachment(f.name).type(f.type).set('Cache-Control', 'no-store').send(f.bytes);
  });
  return r;
}
