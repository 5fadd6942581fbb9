import { test, expect } from './fixtures';

const SECTIONS: [string, string, string][] = [
  ['units', 'Đơn vị', 'Units'],
  ['employees', 'Lao động', 'Employees'],
  ['declarations', 'Kê khai', 'Declarations'],
  ['signing', 'Ký số & Nộp', 'Sign & Submit'],
  ['inbox', 'Tra cứu & Thông báo', 'History & Notices'],
  ['settings', 'Cài đặt', 'Settings'],
];

test('browser mode opens the app, visits every section and switches language', async ({ appPage: page, app }) => {
  await expect(page.getByTestId('status-face')).toHaveText('Chế độ trình duyệt');
  await expect(page.getByTestId('status-data')).toContainText(app.dataDir);
  // The secret leaves the address bar once read.
  expect(page.url()).not.toContain('token=');
  for (const [id, vi] of SECTIONS) {
    await page.getByTestId(`nav-${id}`).click();
    await expect(page.getByTestId('section-title')).toHaveText(vi);
    await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
  }
  await page.getByTestId('lang-switch').selectOption('en');
  for (const [id, , en] of SECTIONS) {
    await page.getByTestId(`nav-${id}`).click();
    await expect(page.getByTestId('section-title')).toHaveText(en);
  }
  await expect(page.getByTestId('status-face')).toHaveText('Browser mode');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Keyboard shortcut Alt+1 opens the first section.
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('section-title')).toHaveText('Units');
  await page.getByTestId('lang-switch').selectOption('vi');
  await expect(page.getByTestId('section-title')).toHaveText('Đơn vị');
});

test('the content security policy stops an injected inline script', async ({ appPage: page }) => {
  const violations = await page.evaluate(async () => {
    const seen: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 200));
    return { seen, ran: (window as unknown as { __injected?: boolean }).__injected === true };
  });
  expect(violations.ran).toBe(false);
  expect(violations.seen.some((d) => d.startsWith('script-src'))).toBe(true);
});

test('without the secret the API answers 403; the page itself is public and holds no secret', async ({
  app,
  request,
}) => {
  // The app shell is static (no data), so it is served without the secret; every call needs the X-Kekhai-Token header.
  const page = await request.get(`${app.baseUrl}/`);
  expect(page.status()).toBe(200);
  expect(await page.text()).not.toContain(app.secret);
  const call = await request.post(`${app.baseUrl}/api/system.info`, { data: {} });
  expect(call.status()).toBe(403);
  const inQuery = await request.post(`${app.baseUrl}/api/system.info?token=${app.secret}`, { data: {} });
  expect(inQuery.status()).toBe(403);
  const inCookie = await request.post(`${app.baseUrl}/api/system.info`, {
    data: {},
    headers: { Cookie: `kekhai_token=${app.secret}` },
  });
  expect(inCookie.status()).toBe(403);
  const ok = await request.post(`${app.baseUrl}/api/system.info`, {
    data: {},
    headers: { 'X-Kekhai-Token': app.secret },
  });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).ok).toBe(true);
});
