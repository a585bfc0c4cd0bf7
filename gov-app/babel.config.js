// The same babel-preset-taro options as the citizen app (docs/decisions.md, "One copy of the app shell").
module.exports = require('@jiuzhu/miniapp/babel.config.js')
