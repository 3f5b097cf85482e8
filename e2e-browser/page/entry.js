// Bundled by run.mjs with esbuild (platform "browser", so stanza's browser shims are used).
import * as XMPP from 'stanza';

window.XMPP = XMPP;
