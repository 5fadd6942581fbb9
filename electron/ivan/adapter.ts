import type { NotificationsPage, ReceiptBody, StatusBody } from '../../shared/ivan/profile';

/**
 * What the rest of the app needs from an I-VAN. The KêKhai HTTP profile is one implementation
 * (`http-adapter.ts`); a provider's own protocol is another class behind this interface, chosen by the
 * provider's `adapter` field in resources/ivan-providers.json.
 */
export interface IvanCredentials {
  username: string;
  password: string;
}

export interface IvanAdapter {
  /** Submits a signed envelope; `key` is the idempotency key (the dossier id fixed at signing). */
  submit(xml: Uint8Array, key: string, kind: 'dossier' | 'registration'): Promise<ReceiptBody>;
  status(transactionId: string): Promise<StatusBody>;
  notifications(after: number): Promise<NotificationsPage>;
}

export interface AdapterOptions {
  endpoint: string;
  providerCode?: string;
  credentials?: IvanCredentials;
  /** Connect + whole-exchange time limit, ms. */
  timeoutMs?: number;
  /** Extra trusted CA (PEM) for a provider whose chain is not in the system store — never "skip verification". */
  ca?: string;
}
