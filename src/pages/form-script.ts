import { RENAMED_TIMEZONES } from "../domain/timezones";

/**
 * The forms' one inline script (allowed by its hash in http/csp.ts); every form works without it.
 * - Fills the timezone from the browser on the subscribe form (an old spelling is mapped to the
 *   current name the list uses), unless the person already chose one.
 * - Moves focus to the error summary after a failed submit (issue 18.8), or to "Did you mean …?".
 * - Keeps the match count live (issue 18.2): filters (never the address) go to GET
 *   /api/match-count a quarter second after the last change; answers to older requests are dropped.
 *   Every answer, an error too, rewrites the salary note and the empty warning: an error answer
 *   carries neither, so both are cleared rather than left describing the values before it.
 */
export const FORM_SCRIPT = `(function(){
var R=${JSON.stringify(RENAMED_TIMEZONES)};
var f=document.querySelector('form[data-live-count]');
var tz=document.getElementById('timezone');
try{var d=Intl.DateTimeFormat().resolvedOptions().timeZone;d=R[d]||d;
if(d&&tz&&f&&f.hasAttribute('data-detect-timezone')&&tz.value==='UTC'){for(var i=0;i<tz.options.length;i++){if(tz.options[i].value===d){tz.value=d;break;}}}}catch(e){}
var err=document.getElementById('errors')||document.getElementById('email-suggestion');if(err){err.focus();}
if(!f||!window.fetch||!window.URLSearchParams||!window.FormData)return;
var out=document.getElementById('match-count'),empty=document.getElementById('match-empty'),note=document.getElementById('minSalaryUsd-note');
var btn=document.getElementById('count-button');if(btn){btn.hidden=true;}
var timer=0,seq=0,skip={email:1,_csrf:1,website:1,action:1,intent:1,useEmail:1,keepEmail:1};
function update(){var p=new URLSearchParams();new FormData(f).forEach(function(v,k){if(!skip[k]&&typeof v==='string'){p.append(k,v);}});
var n=++seq;fetch('/api/match-count?'+p.toString(),{headers:{accept:'application/json'},credentials:'omit'}).then(function(r){return r.json();}).then(function(j){
if(n!==seq){return;}if(note){note.textContent=j.salaryNote||'';}empty.hidden=!j.empty;empty.textContent=j.empty?j.empty.message:'';
out.textContent=j.error?j.error.message:j.text;}).catch(function(){});}
function later(e){if(e&&e.target&&e.target.name==='email'){return;}clearTimeout(timer);timer=setTimeout(update,250);}
f.addEventListener('change',later);f.addEventListener('input',later);update();
})();`;

/**
 * The forms' own styles (inline, hashed in http/csp.ts): compact choices so Subscribe fits the first phone screen.
 * The Subscribe bar stays at the bottom of the screen only on a screen at least 32rem (512 px) tall: at 400% zoom
 * (1280×1024 is 320×256 CSS px) it covered 35–41% of what could be seen, and the focused field's clearance
 * (scroll-padding-bottom) took almost half.
 */
export const FORM_CSS = `.choices.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,8.5rem),1fr));gap:0 .5rem}
.choices.grid label{min-height:44px;margin:0;font-size:.95rem;line-height:1.2}
.submit-bar{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem;background:#fff;
border-top:1px solid #e5e7eb;padding:.5rem 0;margin-top:.5rem}
@media(min-height:32rem){html:has(.submit-bar){scroll-padding-bottom:7rem}.submit-bar{position:sticky;bottom:0;z-index:1}}
.submit-bar p{margin:0;flex:1 1 9rem;font-size:.875rem;font-weight:600;line-height:1.3}
details#more-filters{margin:0 0 1rem}details#more-filters>summary{cursor:pointer;font-weight:600;min-height:44px;padding:.6rem 0;color:#3730a3}
.warning{border-left:4px solid #b45309;background:#fffbeb;padding:.5rem .75rem;color:#78350f}
.suggestion{border:2px solid #4f46e5;border-radius:8px;padding:.75rem 1rem;margin:.5rem 0 1rem;background:#eef2ff}
.suggestion p{margin:0 0 .5rem}.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.about{font-size:.875rem;color:#4b5563;margin-top:1.25rem}.about p{margin:.3rem 0}
.lead{margin:.25rem 0 1rem}form fieldset legend{font-size:1rem}
.status-box{border:1px solid #c7d2fe;background:#eef2ff;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
.status-box p{margin:.2rem 0}.status-box form{margin:.5rem 0 0}
[hidden]{display:none!important}h1{font-size:1.3rem;margin:0 0 .3rem}.lead{font-size:.9rem;margin:0 0 .6rem}
main{padding:1rem 1rem 0}fieldset{padding:.4rem .6rem;margin:0 0 .6rem}label{margin:.4rem 0 .2rem}`;
