import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, type InstallProvider } from '@slack/oauth';
import type { RequestHandler } from '../../../src/http/server.js';
import type { Logger } from '../../../src/logger.js';
import { INSTALL_PATH, REDIRECT_PATH } from './paths.js';
import { installedPage, installFailedPage, type FailureKind } from './pages.js';

const STATE_ERRORS = new Set<string>([ErrorCode.InvalidStateError, ErrorCode.MissingStateError]);

const html = (res: ServerResponse, status: number, body: string) => {
  if (res.headersSent) return void res.end();
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The pages load nothing and are framed by nobody.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
};

/**
 * GET /slack/install (the "Add to Slack" page, with a fresh one-time state and its cookie) and
 * GET /slack/oauth_redirect (state checked against the cookie and the database, the code exchanged
 * with oauth.v2.access at SLACK_API_URL, the installation stored encrypted), served by Bolt's
 * installer on the process's HTTP server, next to /slack/events and the probes.
 */
export function installRoutes(provider: InstallProvider, logger: Logger): RequestHandler {
  const serve = (req: IncomingMessage, res: ServerResponse, path: string) => {
    const work =
      path === INSTALL_PATH
        ? provider.handleInstallPath(req, res)
        : provider.handleCallback(req, res, {
            successAsync: async (installation) => {
              logger.info('slack app installed', {
                team: installation.team?.id,
                enterprise: installation.enterprise?.id,
                orgWide: installation.isEnterpriseInstall === true,
              });
              html(res, 200, installedPage(installation));
            },
            failureAsync: async (error, _options, request) => {
              const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
              const kind: FailureKind =
                query.get('error') === 'access_denied'
                  ? 'cancelled'
                  : STATE_ERRORS.has(error.code)
                    ? 'state'
                    : 'other';
              if (kind === 'other') logger.error('slack install failed', { code: error.code, err: error });
              else logger.info('slack install refused', { kind, code: error.code });
              const page = installFailedPage(kind, error.code);
              html(res, page.status, page.html);
            },
          });
    work.catch((err: unknown) => {
      logger.error('slack install route failed', { path, err });
      const page = installFailedPage('other', 'internal_error');
      html(res, page.status, page.html);
    });
  };
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== INSTALL_PATH && path !== REDIRECT_PATH) return false;
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return true;
    }
    serve(req, res, path);
    return true;
  };
}
