import { describe, expect, it } from 'vitest';
import { nextStamp, staleError } from '../../../electron/core/stale';

describe('record versions (updated_at) for the lost-update check', () => {
  it('is the clock when it has moved on, else 1 ms past the previous version (a fixed training clock)', () => {
    expect(nextStamp('2026-01-15T03:00:05.000Z', '2026-01-15T03:00:00.000Z')).toBe('2026-01-15T03:00:05.000Z');
    expect(nextStamp('2026-01-15T03:00:00.000Z', '2026-01-15T03:00:00.000Z')).toBe('2026-01-15T03:00:00.001Z');
    expect(nextStamp('2026-01-15T03:00:00.000Z', '2026-01-15T03:00:00.999Z')).toBe('2026-01-15T03:00:01.000Z');
  });

  it('STALE says in Vietnamese what changed, that nothing was saved, and carries the stored record', () => {
    const e = staleError('Người lao động Trần Thị Bình', 'Employee Trần Thị Bình', { id: 7 });
    expect(e.code).toBe('STALE');
    expect(e.message).toBe(
      'Người lao động Trần Thị Bình vừa được sửa ở nơi khác (cửa sổ khác hoặc lệnh kekhai) sau khi bạn mở. Thay đổi của bạn CHƯA được lưu: hãy tải lại để xem bản mới nhất rồi sửa lại.',
    );
    expect(e.messageEn).toMatch(/^Employee Trần Thị Bình was changed elsewhere/);
    expect(e.details).toEqual({ current: { id: 7 } });
  });
});
