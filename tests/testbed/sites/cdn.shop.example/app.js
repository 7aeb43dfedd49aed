// The shop's own script: a language preference and an A/B test bucket, written by script.
document.cookie = 'ui_lang=en; path=/; max-age=31536000; samesite=lax';
document.cookie = 'ab_bucket=B; path=/; max-age=2592000; samesite=lax';
