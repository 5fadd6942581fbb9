/** Display helpers of the inbox: Vietnam time (UTC+7) in dd/mm/yyyy HH:MM. */
import { formatDateTimeVN } from '../../../shared/format';

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatDateTimeVN(d);
}
