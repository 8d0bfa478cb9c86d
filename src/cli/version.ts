/** journeyflow's version: printed by --version and part of every build manifest's key. */
export const VERSION = '0.1.0';
