// Written by NangoPS (Export-NangoProject). Nango's CLI compiles the scripts this file imports.
import './{{integration}}/syncs/configuration-based-sync.js';
import './{{integration}}/actions/fetch-fields.js';
