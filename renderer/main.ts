import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n, initDocumentLang } from './i18n';
import { router } from './router';
import './styles/base.css';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(router);
initDocumentLang();
app.mount('#app');
