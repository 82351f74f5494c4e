/**
 * `/`-separated path operations for repository paths, without `node:path`, so the universal entry runs in
 * browsers and editors' web workers. `pathe` is node's posix implementation ported to plain JavaScript.
 */
import { dirname, normalize } from 'pathe';

export const posix = { dirname, normalize };
