/** Every Astro Action, by domain. Each validates its input, checks access and calls one server function. */
import { auth } from './auth';
import { people } from './people';
import { progress } from './progress';

export const server = { auth, people, progress };
