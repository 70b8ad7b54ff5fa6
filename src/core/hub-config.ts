// The Hub hosts this build of the app may reach when the user switches the Hub on, from the build's
// environment (VITE_HUB_HOST, VITE_HUB_FILE_HOSTS; see README). vite.config.ts reads the same
// variables for the Content-Security-Policy it serves, through the same hubHosts().
import { hubHosts } from './hub';

export const HUB = hubHosts(
  import.meta.env.VITE_HUB_HOST as string | undefined,
  import.meta.env.VITE_HUB_FILE_HOSTS as string | undefined,
);
