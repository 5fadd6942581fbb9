/**
 * Names of downloads built from a stored dossier (dossier.exportDraft): the unit code and period come from a draft
 * as the clerk (or a file) gave them, so the name goes through the one safe-name rule — a path or a name Windows
 * refuses never reaches the save dialog, and a long code never fails the call.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';
import { draft } from '../ivan/fixtures';

const WINDOWS_BAD = /[<>:"/\\|?*\u0000-\u001f]|[. ]$|^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

let ctx: TestContext;
beforeAll(() => {
  ctx = createTestContext();
});
afterAll(() => ctx?.close());

test.each(['../../x', 'a:b', 'A'.repeat(300)])(
  'dossier.exportDraft of a draft whose unit code is %j: a safe .json name and the draft itself',
  async (unitCode) => {
    const d = await ctx.value('dossier.create', {
      draft: draft(1, { unitCode }) as unknown as Record<string, unknown>,
    });
    const f = await ctx.value('dossier.exportDraft', { id: d.id });
    expect(f.name).toMatch(/^kekhai-draft-.*\.json$/);
    expect(WINDOWS_BAD.test(f.name), f.name).toBe(false);
    expect(Buffer.byteLength(f.name)).toBeLessThanOrEqual(255);
    expect(JSON.parse(Buffer.from(f.base64, 'base64').toString('utf8')).unit.code).toBe(unitCode);
  },
);
