import { z } from 'zod';
import { defineMethods } from './define';

// Owned by the D (I-VAN) work. Method names are `domain.verb`.
export const ivanMethods = defineMethods({});

// Keep zod referenced until the first method lands here.
void z;
