import { z } from 'zod';
import { defineMethods } from './define';

// Owned by the A (signing) work. Method names are `domain.verb`.
export const signingMethods = defineMethods({});

// Keep zod referenced until the first method lands here.
void z;
