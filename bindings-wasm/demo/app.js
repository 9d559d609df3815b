// Demo of the sobriete package's web components: the page only switches the
// language of its own texts and of the two elements; the questionnaire, the
// scoring, the results and the plan are the components'.
const UI = {
  fr: {
    title: 'Indice de maturité en sobriété numérique',
    intro: 'Répondez au questionnaire du référentiel par défaut (loi REEN) : l’indice, la note et les scores par thème se mettent à jour à chaque réponse. Tout est calculé dans votre navigateur ; vos réponses restent dans ce navigateur.',
    lang: 'Langue',
    footer: 'Calcul : bibliothèque sobriete compilée en WebAssembly — le même calcul que la ligne de commande et les autres langages.',
  },
  en: {
    title: 'Digital sobriety maturity index',
    intro: 'Answer the questionnaire of the default referential (REEN law): the index, grade and theme scores update with every answer. Everything is computed in your browser; your answers stay in this browser.',
    lang: 'Language',
    footer: 'Computed by the sobriete library compiled to WebAssembly — the same computation as the command line and the other languages.',
  },
};

const select = document.getElementById('lang');
select.addEventListener('change', () => {
  const lang = select.value;
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = UI[lang][node.dataset.t];
  for (const id of ['questionnaire', 'results']) document.getElementById(id).setAttribute('lang', lang);
});

await customElements.whenDefined('sobriete-questionnaire');
await document.getElementById('questionnaire').ready;
document.body.dataset.ready = 'true';
