/** The node flags on the #! line of bin/kekhai.cjs. */
export function cliNodeFlags(): string[];
