import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createCockpitRouter } from './app/router.ts'
import { installLook } from './charts/look.ts'
import { loadConfig } from './config.ts'
import { installLocale, t } from './i18n/index.ts'
import './styles.css'

const baseUrl = new URL(import.meta.env.BASE_URL, document.baseURI).href
// The config decides the feed URL, the look and the language, so it is read before the app starts.
loadConfig(baseUrl, location.search).then(async (loaded) => {
  installLook(loaded.config)
  await installLocale(loaded.config.locale)
  document.title = loaded.config.title ?? t('app.title')
  createApp(App, { loaded, baseUrl }).use(createPinia()).use(createCockpitRouter()).mount('#app')
})
