import type { Installation, OrgInstallation } from '@slack/oauth';

/**
 * The pages an installer's browser sees: "Add to Slack", then what happened and what to do next.
 * Every value from Slack or the request is HTML-escaped; the pages load nothing from elsewhere.
 */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #1d1c1d; }
a.button { display: inline-block; background: #4a154b; color: #fff; padding: .6rem 1.2rem; border-radius: .3rem; text-decoration: none; font-weight: 600; }
code { background: #f4f4f4; padding: .1rem .3rem; border-radius: .2rem; }
</style>
</head>
<body>
${body}
</body>
</html>
`;

/** GET /slack/install: the "Add to Slack" page (Slack's authorize URL carries the state). */
export function installPage(authorizeUrl: string): string {
  return page(
    'Add Brief to Slack',
    `<h1>Add Brief to Slack</h1>
<p>Brief turns a news link into a ten-second brief: a headline, a short summary and the key facts,
each backed by a quote from the article. It can also post a daily digest of news feeds.</p>
<p><a class="button" href="${escapeHtml(authorizeUrl)}">Add to Slack</a></p>
<p>Slack shows what Brief may do and asks you to allow it; then you come back here.</p>`,
  );
}

export function installedPage(installation: Installation | OrgInstallation): string {
  const orgWide = installation.isEnterpriseInstall === true;
  const where = orgWide
    ? `your organisation${installation.enterprise?.name ? ` <strong>${escapeHtml(installation.enterprise.name)}</strong>` : ''}`
    : installation.team?.name
      ? `<strong>${escapeHtml(installation.team.name)}</strong>`
      : 'your workspace';
  const open =
    !orgWide && installation.team?.id
      ? `<p><a class="button" href="https://app.slack.com/client/${encodeURIComponent(installation.team.id)}">Open Slack</a></p>`
      : orgWide
        ? '<p>An org admin can now add Brief to the organisation’s workspaces in the admin dashboard.</p>'
        : '';
  return page(
    'Brief is installed',
    `<h1>Brief is installed in ${where}</h1>
<p>What to do next:</p>
<ol>
<li>In a channel, invite the bot: <code>/invite @Brief</code>. Brief posts only where it was invited.</li>
<li>Try it: <code>/brief https://…</code> with a news link, or mention <code>@Brief</code> with a link.</li>
<li>For a daily digest of a news feed: <code>/brief digest add &lt;feed-url&gt; 09:00</code>.</li>
</ol>
<p>The Brief app’s <strong>Home</strong> tab in Slack shows your channels’ digests and the workspace’s settings.</p>
${open}`,
  );
}

export type FailureKind = 'state' | 'cancelled' | 'other';

/** The page for a failed install, by what went wrong; `code` is the OAuth library's error code. */
export function installFailedPage(kind: FailureKind, code: string): { status: number; html: string } {
  const again = '<p><a class="button" href="/slack/install">Start again</a></p>';
  if (kind === 'state') {
    return {
      status: 400,
      html: page(
        'Installation link expired',
        `<h1>This installation link cannot be used</h1>
<p>It was already used, has expired (links last ten minutes), or did not start on this server.
Nothing was installed. Start the installation again from the beginning.</p>
${again}`,
      ),
    };
  }
  if (kind === 'cancelled') {
    return {
      status: 200,
      html: page(
        'Installation cancelled',
        `<h1>Installation cancelled</h1>
<p>Brief was not installed. You can add it whenever you like.</p>
${again}`,
      ),
    };
  }
  return {
    status: 500,
    html: page(
      'Installation failed',
      `<h1>Slack did not complete the installation</h1>
<p>Nothing was installed (reason: <code>${escapeHtml(code)}</code>). Try again in a minute; if it
keeps failing, tell whoever runs this Brief server.</p>
${again}`,
    ),
  };
}
