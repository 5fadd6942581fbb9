import { test, expect } from './fixtures';

// Browser-mode checks of the Electron security checklist items that live in the page (CSP, links, no Node).
// The injected <script> element case is in shell.spec.ts; these cover the other ways script gets in.
type Win = Record<string, unknown> & { document: any; location: Location };

test('the page has no Node, no require and no Electron internals', async ({ appPage: page }) => {
  const seen = await page.evaluate(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    return ['require', 'process', 'module', 'Buffer', 'global', '__dirname', 'ipcRenderer', 'electron'].filter(
      (k) => typeof g[k] !== 'undefined',
    );
  });
  expect(seen).toEqual([]);
  // Browser mode has no desktop bridge; the desktop one never exposes ipcRenderer (tests/unit/shell/security-static).
  expect(await page.evaluate(() => typeof (globalThis as unknown as { kekhai?: unknown }).kekhai)).toBe('undefined');
});

test('inline event handlers, javascript: URLs, string timers, data: scripts and foreign frames are blocked by the CSP', async ({
  appPage: page,
}) => {
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as Win;
    const violations: string[] = [];
    g.document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string }) =>
      violations.push(e.violatedDirective),
    );
    const host = g.document.createElement('div');
    host.innerHTML =
      '<img src="data:," onerror="window.__viaHandler = 1"><a id="js" href="javascript:window.__viaJsUrl = 1">x</a>';
    g.document.body.appendChild(host);
    (g.document.getElementById('js') as { click(): void }).click();
    // (eval itself cannot be tested from here: DevTools evaluation is exempt from the CSP. The policy has no
    // 'unsafe-eval' — tests/unit/shell/security-static.test.ts.) A string timer is the page-side form of eval.
    (g as unknown as { setTimeout(code: string, ms: number): void }).setTimeout('window.__viaStringTimer = 1', 0);
    const frame = g.document.createElement('iframe');
    frame.src = 'https://example.invalid/';
    g.document.body.appendChild(frame);
    const s = g.document.createElement('script');
    s.src = 'data:text/javascript,window.__viaDataScript=1';
    g.document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 400));
    return {
      ran: ['__viaHandler', '__viaJsUrl', '__viaStringTimer', '__viaDataScript'].filter((k) => g[k] !== undefined),
      violations,
    };
  });
  expect(result.ran).toEqual([]);
  expect(result.violations.some((d) => d.startsWith('script-src'))).toBe(true);
  expect(
    result.violations.some(
      (d) => d.startsWith('frame-src') || d.startsWith('default-src') || d.startsWith('child-src'),
    ),
  ).toBe(true);
});

test('links cannot take the app away: plain href, target=_blank, middle click, other paths', async ({
  appPage: page,
  context,
}) => {
  const start = page.url();
  const opened: string[] = [];
  context.on('page', (p) => opened.push(p.url()));
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(start).origin)) requests.push(r.url());
  });
  await page.evaluate(() => {
    const g = globalThis as unknown as Win;
    const box = g.document.createElement('div');
    box.id = 'injected-links';
    box.innerHTML =
      '<a id="plain" href="https://example.invalid/away">plain</a>' +
      '<a id="blank" href="https://example.invalid/new" target="_blank">blank</a>' +
      '<a id="relative" href="/../../elsewhere">relative</a>';
    g.document.body.prepend(box);
  });
  for (const [sel, button] of [
    ['#plain', 'left'],
    ['#blank', 'left'],
    ['#blank', 'middle'],
    ['#relative', 'left'],
  ] as const) {
    await page.locator(sel).click({ button });
  }
  await page.waitForTimeout(300);
  expect(page.url()).toBe(start);
  expect(opened).toEqual([]);
  expect(requests.filter((u) => u.includes('example.invalid'))).toEqual([]);
  // The app is still alive and working.
  await expect(page.getByTestId('statusbar')).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as Win).location.href)).toBe(start);
});

test('a form cannot post to another site', async ({ appPage: page }) => {
  const start = page.url();
  await page.evaluate(() => {
    const g = globalThis as unknown as Win;
    const box = g.document.createElement('div');
    box.innerHTML =
      '<form id="f" action="https://example.invalid/post" method="post"><input name="pin" value="123456"></form>';
    g.document.body.prepend(box);
  });
  // Submitted from script: Playwright's click would wait for the navigation the CSP cancels (form-action 'none').
  const formViolation = await page.evaluate(async () => {
    const g = globalThis as unknown as Win;
    const seen: string[] = [];
    g.document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string }) =>
      seen.push(e.violatedDirective),
    );
    g.document.getElementById('f').requestSubmit();
    await new Promise((r) => setTimeout(r, 300));
    return { seen, href: g.location.href };
  });
  expect(formViolation.seen).toContain('form-action');
  expect(formViolation.href).toBe(start);
});

test('in-app hash navigation still works', async ({ appPage: page }) => {
  await page.evaluate(() => {
    const g = globalThis as unknown as Win;
    const a = g.document.createElement('a');
    a.id = 'to-settings';
    a.href = '#/settings';
    a.textContent = 'settings';
    g.document.body.prepend(a);
  });
  await page.locator('#to-settings').click();
  await expect(page).toHaveURL(/#\/settings$/);
});
