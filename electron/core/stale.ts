import { AppError } from './app-error';

/**
 * Optimistic concurrency (lost updates): a form sends the version it was loaded from; a write whose base is no
 * longer the stored version is refused with STALE — never a silent overwrite of what another window, an import or
 * `kekhai` wrote in between. `details.current` is the stored record, so the window can offer to reload it.
 */
export function staleError(what: string, whatEn: string, current: unknown): AppError {
  return new AppError(
    'STALE',
    `${what} vừa được sửa ở nơi khác (cửa sổ khác hoặc lệnh kekhai) sau khi bạn mở. Thay đổi của bạn CHƯA được lưu: hãy tải lại để xem bản mới nhất rồi sửa lại.`,
    {
      en: `${whatEn} was changed elsewhere (another window or kekhai) after you opened it. Your changes were NOT saved: reload to see the latest version, then edit again.`,
      details: { current },
    },
  );
}

/**
 * The `updated_at` to write over `previous`: the clock's time, or 1 ms past `previous` when the clock has not moved
 * past it (a fixed training clock, two saves in one millisecond), so every write gives the record a new version.
 */
export function nextStamp(at: string, previous: string): string {
  if (at > previous) return at;
  const t = Date.parse(previous);
  return Number.isNaN(t) ? at : new Date(t + 1).toISOString();
}
