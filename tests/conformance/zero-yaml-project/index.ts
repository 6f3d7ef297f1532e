import './salesforce/syncs/accounts.js';
import './salesforce/actions/fetch-fields.js';
