import { connect } from './integrations/connect'
import { matomo, meta, uet } from './integrations/vendors'
import { boot } from './script'

// `candor-full.js`: the core with the Matomo, Meta Pixel and Microsoft UET adapters.
boot({ matomo, meta, uet }, connect)
