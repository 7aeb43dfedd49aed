// Web storage as shops use it: a persistent visitor id (an identifier) in localStorage, rewritten
// on every visit, and the session's display theme (a preference) in sessionStorage.
localStorage.setItem('_mt_uid', localStorage.getItem('_mt_uid') || crypto.randomUUID());
localStorage.setItem('_mt_uid', localStorage.getItem('_mt_uid'));
sessionStorage.setItem('ui_theme', 'dark');
