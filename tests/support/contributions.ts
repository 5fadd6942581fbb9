/**
 * One share of a month's contribution per fund as the contract reports it (`pension`, `sickness`, `accident`,
 * `health`, `unemployment` and their `total`), for tests that write the expected amounts by hand.
 */
export function fundShares(pension: number, sickness: number, accident: number, health: number, unemployment: number) {
  return {
    pension,
    sickness,
    accident,
    health,
    unemployment,
    total: pension + sickness + accident + health + unemployment,
  };
}
