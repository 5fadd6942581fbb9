import { z } from 'zod';
import { defineMethods } from './define';

// Owned by the E (backup, audit, first run) work. Method names are `domain.verb`.
export const deskMethods = defineMethods({});

// Keep zod referenced until the first method lands here.
void z;
