import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { paletteVariables } from './charts/palette.ts'
import { loadConfig } from './config.ts'
import { createCockpitRouter } from './router.ts'
import './styles.css'

for (const [name, value] of Object.entries(paletteVariables()))
  document.documentElement.style.setProperty(name, value)

const baseUrl = new URL(import.meta.env.BASE_URL, document.baseURI).href
// The config decides the feed URL, so it is read before the app starts polling.
loadConfig(baseUrl, location.search).then((loaded) => {
  createApp(App, { loaded, baseUrl }).use(createPinia()).use(createCockpitRouter()).mount('#app')
})
