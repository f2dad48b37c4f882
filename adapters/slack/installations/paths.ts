/** Where installers start ("Add to Slack") and where Slack sends them back (slack-manifest.yaml). */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';
