import { z } from 'zod';
import { defineMethods } from './define';

// Owned by the B (declarations) work. Method names are `domain.verb`.
export const declarationMethods = defineMethods({});

// Keep zod referenced until the first method lands here.
void z;
