// Who may call the service: a bearer token (when configured), only the add-in's own origin, and —
// on loopback — only loopback host names, so a web page that rebinds its DNS name to 127.0.0.1
// cannot drive the API from a browser.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { isLoopback } from '../config';
import { HttpError } from './errors';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Constant-time comparison: both sides hashed to the same length first. */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function requireToken(token: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!token) return next();
    const m = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    if (m && tokenMatches(m[1].trim(), token)) return next();
    next(new HttpError(401, 'This service requires a token: send "Authorization: Bearer <MTO_TOKEN>" / 需要访问令牌', {}, { 'WWW-Authenticate': 'Bearer realm="mto-planner"' }));
  };
}

/** The origin the request was addressed to, e.g. https://localhost:3000. */
export const ownOrigin = (req: { protocol: string; get(h: string): string | undefined }): string => `${req.protocol}://${req.get('host') ?? ''}`;

/** Refuses cross-origin API calls outright (CORS alone would still let a form POST run a solve). */
export const sameOriginOnly: RequestHandler = (req, _res, next) => {
  const origin = req.get('origin');
  if (!origin || origin === ownOrigin(req)) return next();
  next(new HttpError(403, `Cross-origin requests are not accepted (from ${origin}); open the task pane from this server`));
};

/** On a loopback bind, the Host header must name loopback (DNS-rebinding guard). */
export function loopbackHostsOnly(bindHost: string): RequestHandler {
  return (req, _res, next) => {
    if (!isLoopback(bindHost)) return next();
    const host = (req.get('host') ?? '').replace(/:\d+$/, '');
    if (isLoopback(host)) return next();
    // Name this server's own address (scheme and port as the connection came in), not a guess.
    const at = (h: string) => `${req.protocol}://${h}:${req.socket.localPort}`;
    const addr = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    const own = at(addr.includes(':') ? `[${addr}]` : addr);
    next(new HttpError(403, `Host ${host || '(none)'} is not served here; open ${at('localhost')} or ${own} / 请通过 ${at('localhost')} 或 ${own} 访问`));
  };
}

/**
 * Where Office hosts the pane (frame-ancestors) and serves office.js (script-src). Excel on the
 * web frames the pane from Microsoft 365 and SharePoint, personal OneDrive (onedrive.live.com) and,
 * for 21Vianet tenants in China, *.partner.office365.cn and *.sharepoint.cn, which also load
 * office.js from their own CDN. A host missing here leaves the pane blank; MTO_FRAME_ANCESTORS and
 * MTO_SCRIPT_SRC add more (e.g. a sovereign cloud) without a code change.
 */
export const OFFICE_FRAME_ANCESTORS = [
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.sharepoint.com',
  'https://*.cloud.microsoft',
  'https://onedrive.live.com',
  'https://*.onedrive.live.com',
  'https://*.partner.office365.cn',
  'https://*.sharepoint.cn',
];
export const OFFICE_SCRIPT_SOURCES = ['https://appsforoffice.microsoft.com', 'https://appsforoffice.cdn.partner.office365.cn'];

export interface CspExtras {
  frameAncestors?: string[];
  scriptSrc?: string[];
}

/**
 * Security headers. The CSP lets the task pane load its own scripts and office.js from Microsoft's
 * CDNs, and lets Excel on the web frame it (X-Frame-Options would forbid that, so frame-ancestors
 * replaces it). No HSTS: it would pin localhost to HTTPS in the user's browser for a year.
 */
export function securityHeaders(https: boolean, extra: CspExtras = {}): RequestHandler {
  const scripts = [...OFFICE_SCRIPT_SOURCES, ...(extra.scriptSrc ?? [])];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", ...scripts],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', ...scripts],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'self'", ...OFFICE_FRAME_ANCESTORS, ...(extra.frameAncestors ?? [])],
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    xFrameOptions: false,
    strictTransportSecurity: false,
  });
}

/**
 * Ribbon icons are fetched by Excel on the web from its own origin: without CORS and a
 * cross-origin resource policy (helmet's default is same-origin) they show as broken images.
 */
export const crossOriginAssets: RequestHandler = (_req, res, next) => {
  res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
  next();
};
