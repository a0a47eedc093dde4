/** Build-time constant from vite.config.ts: the beacon URL of a deliberately leaky test build, else `''`. */
declare const __JWT_LENS_LEAK_URL__: string;
