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
 * Security headers. The CSP lets the task pane load its own scripts and office.js from Microsoft's
 * CDN, and lets Excel on the web frame it (X-Frame-Options would forbid that, so frame-ancestors
 * replaces it). No HSTS: it would pin localhost to HTTPS in the user's browser for a year.
 */
export function securityHeaders(https: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", 'https://appsforoffice.microsoft.com'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'https://appsforoffice.microsoft.com'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'self'", 'https://*.officeapps.live.com', 'https://*.office.com', 'https://*.office365.com', 'https://*.microsoft365.com', 'https://*.sharepoint.com', 'https://*.cloud.microsoft'],
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    xFrameOptions: false,
    strictTransportSecurity: false,
  });
}
