import type { z } from 'zod';
import { systemMethods } from './system';
import { rosterMethods } from './roster';
import { declarationMethods } from './declarations';
import { signingMethods } from './signing';
import { ivanMethods } from './ivan';
import { deskMethods } from './desk';
import { ledgerMethods } from './ledger';
import { codesMethods } from './codes';
import { sheetMethods } from './sheets';

/** The whole API: one map, merged from the per-domain maps. A duplicate name is a build error (see contract test). */
export const contract = {
  ...systemMethods,
  ...rosterMethods,
  ...declarationMethods,
  ...signingMethods,
  ...ivanMethods,
  ...deskMethods,
  ...codesMethods,
  ...ledgerMethods,
  ...sheetMethods,
};

export const domainMaps = {
  systemMethods,
  rosterMethods,
  declarationMethods,
  signingMethods,
  ivanMethods,
  deskMethods,
  codesMethods,
  ledgerMethods,
  sheetMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export type Input<K extends MethodName> = z.input<Contract[K]['input']>;
export type Output<K extends MethodName> = z.output<Contract[K]['output']>;
export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export type { MethodDef } from './define';
export * from './result';
export * from './common';
