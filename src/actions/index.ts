/** Every Astro Action, by domain. Each validates its input, checks access and calls one server function. */
import { announcements } from './announcements';
import { auth } from './auth';
import { calendar } from './calendar';
import { members } from './members';
import { people } from './people';
import { progress } from './progress';
import { schedule, waves } from './waves';

export const server = { auth, people, progress, waves, schedule, members, announcements, calendar };
