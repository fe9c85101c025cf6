/** Every Astro Action, by domain. Each validates its input, checks access and calls one server function. */
import { auth } from './auth';
import { people } from './people';

export const server = { auth, people };
