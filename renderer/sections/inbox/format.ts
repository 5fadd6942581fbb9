/** Display helpers of the inbox: Vietnam time (UTC+7) in dd/mm/yyyy HH:MM. */
import { formatDateTimeVN, parseInstantVN } from '../../../shared/format';

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  // An I-VAN may write its times without a zone: Vietnam time, not the PC's (parseInstantVN).
  const d = parseInstantVN(iso);
  return d ? formatDateTimeVN(d) : iso;
}
