import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlackHarness, TEST_SIGNING_SECRET, type SlackHarness } from '../../helpers/slack-harness.js';
import { allMrkdwnVerbatim, allTexts, slackMarkupIn } from '../../helpers/slack-limits.js';
import { injectionPage } from '../../helpers/slack-pages.js';
import { postSlashCommand } from '../../helpers/slack-signed-client.js';

describe('an article that tries to ping the channel and plant a link', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ pages: { '/bridge': injectionPage() } });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.slack.idle();
    h.api.reset();
  });

  const assertHarmless = (sent: Array<{ text?: unknown; blocks?: unknown }>, allowedLink: string | null) => {
    for (const message of sent) {
      for (const markup of slackMarkupIn(message)) {
        expect(allowedLink, `unexpected markup ${markup}`).not.toBeNull();
        expect(markup.startsWith(`<${allowedLink}|`), `unexpected markup ${markup}`).toBe(true);
      }
      expect(allMrkdwnVerbatim(message.blocks)).toBe(true);
    }
  };

  it('a URL brief carries no mention and no link but the source', async () => {
    const url = h.articles.url('/bridge');
    await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, { text: url, response_url: h.hooks.newUrl() });
    const posts = await h.api.waitForCalls('chat.postMessage', 2);
    const sent = posts.map((p) => p.args as { text?: unknown; blocks?: unknown });
    // The payload did reach the brief (escaped), so the test is not passing on an empty message.
    expect(sent.flatMap(allTexts).join('\n')).toContain('&lt;!channel&gt;');
    assertHarmless(sent, url);
    // The page's canonical link points elsewhere: it must not become our button.
    expect(JSON.stringify(sent)).not.toContain('https://evil.example/');
  });

  it('pasted text carrying mentions is just as harmless', async () => {
    // Slack sends what the user typed with &, <, > escaped; a link in it would be briefed as a link.
    const mentions = '&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;!subteam^S1&gt;';
    const text = `${mentions} The harbour bridge will close for nine months of repairs next spring, officials said on Monday. It carries 60,000 vehicles a day. ${mentions}`;
    await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, { text, response_url: h.hooks.newUrl() });
    const posts = await h.api.waitForCalls('chat.postMessage', 1);
    expect(JSON.stringify(posts[0]!.args)).toContain('&lt;!channel&gt;');
    assertHarmless(
      posts.map((p) => p.args as { text?: unknown; blocks?: unknown }),
      null,
    );
  });
});
