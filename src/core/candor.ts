import { boot } from './script'

// `candor.js`: the core with Google Consent Mode, without vendor adapters.
boot()
