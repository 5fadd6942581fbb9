/**
 * Pictures of the user guide (docs/guide/images/) taken by tests/e2e/clerk.spec.ts, next to the journey's own;
 * `npm run guide:screenshots` runs both, and the journey's last step checks the guide shows exactly these.
 */
export const CLERK_SHOTS = [
  'tap-huan-bat',
  'ky-dong-ho-thu',
  'nop-xac-nhan',
  'lich-su-tim-ho-so',
  'dang-ky-04',
  'xoa-xac-nhan',
] as const;
