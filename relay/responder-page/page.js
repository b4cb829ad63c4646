/*
 * The responder page (served by the relay at /r/). Plain ES2017, no dependencies, so an old
 * Android browser on 3G can run it. The link is /r/#<link id>.<key>: the key never leaves this
 * page. Seals match shared/links/seal.ts: base64url(iv[12] || AES-GCM ciphertext+tag), with
 * "envelope:<id>" or "answer:<id>" as additional data. Nothing is stored on the phone unless the
 * responder ticks "keep my answers"; a wrong, expired or damaged link shows one message and
 * nothing else.
 */
'use strict';
(function () {
  var T = {
    en: {
      title: 'Responder link',
      lang: 'Español',
      opening: 'Opening…',
      gone: 'This link has expired or was withdrawn. Call your team lead or the hotline.',
      bad: 'This link is not valid. Check that you opened the whole link, or call the hotline.',
      offline: 'No connection. Try again when you have signal.',
      role: 'Your role',
      type: 'What',
      meet: 'Meeting point',
      time: 'Reported',
      contact: 'Call',
      bring: 'Bring',
      answer: 'Your answer',
      eta: 'ETA (minutes)',
      accept: 'Accept',
      enroute: 'On my way',
      onscene: 'On scene',
      leaving: 'Leaving',
      reason: 'Reason',
      decline: 'Decline',
      report: 'Field report (verifiers)',
      outcome: 'Outcome',
      count: 'How many agents',
      activity: 'What they are doing',
      agency: 'Agency / uniform',
      vehicles: 'Vehicles and plates',
      equipment: 'Equipment',
      sendReport: 'Send report',
      sent: 'Sent',
      remember: 'Keep my answers on this phone',
      expires: 'Link valid until',
      sending: 'Sending…',
      ok: 'Sent: ',
      retry: 'Not sent yet, retrying… ',
      k_accept: 'Accepted',
      k_decline: 'Declined',
      k_en_route: 'On my way',
      k_on_scene: 'On scene',
      k_leaving: 'Leaving',
      k_report: 'Field report',
      t: {
        home_raid: 'Home raid',
        workplace_raid: 'Workplace raid',
        arrest: 'Arrest/detention',
        vehicle_stop: 'Vehicle stop',
        courthouse: 'Courthouse arrest',
        checkin_detention: 'Check-in / detention',
        sighting: 'ICE sighting',
        labor_abuse: 'Labor abuse / wage theft',
        other: 'Other',
      },
      r: {
        verifier: 'Verifier',
        legal_observer: 'Legal observer',
        documenter: 'Documenter',
        rally_responder: 'Rally responder',
        rally_lead: 'Rally lead',
        faith_leader: 'Faith leader',
        song_leader: 'Song leader',
        interpreter: 'Interpreter',
        medic: 'Medic',
        driver: 'Driver',
        family_support: 'Family support',
      },
      d: {
        unavailable: 'Unavailable',
        no_answer: 'No answer',
        wrong_number: 'Wrong number',
        other: 'Other reason',
      },
      o: {
        confirmed: 'Confirmed',
        other_agency: 'Other agency',
        false_alarm: 'False alarm',
        unverified: 'Could not verify',
      },
    },
    es: {
      title: 'Enlace para responder',
      lang: 'English',
      opening: 'Abriendo…',
      gone: 'Este enlace venció o fue retirado. Llame a su líder de equipo o a la línea de ayuda.',
      bad: 'Este enlace no es válido. Revise que abrió el enlace completo, o llame a la línea de ayuda.',
      offline: 'Sin conexión. Intente de nuevo cuando tenga señal.',
      role: 'Su función',
      type: 'Qué pasa',
      meet: 'Punto de encuentro',
      time: 'Reportado',
      contact: 'Llamar',
      bring: 'Traiga',
      answer: 'Su respuesta',
      eta: 'Llegada (minutos)',
      accept: 'Acepto',
      enroute: 'En camino',
      onscene: 'En el lugar',
      leaving: 'Me retiro',
      reason: 'Motivo',
      decline: 'No puedo',
      report: 'Informe de campo (verificadores)',
      outcome: 'Resultado',
      count: 'Cuántos agentes',
      activity: 'Qué están haciendo',
      agency: 'Agencia / uniforme',
      vehicles: 'Vehículos y placas',
      equipment: 'Equipo',
      sendReport: 'Enviar informe',
      sent: 'Enviado',
      remember: 'Guardar mis respuestas en este teléfono',
      expires: 'Enlace válido hasta',
      sending: 'Enviando…',
      ok: 'Enviado: ',
      retry: 'Aún no se envió, reintentando… ',
      k_accept: 'Aceptado',
      k_decline: 'No puede',
      k_en_route: 'En camino',
      k_on_scene: 'En el lugar',
      k_leaving: 'Se retira',
      k_report: 'Informe de campo',
      t: {
        home_raid: 'Redada en casa',
        workplace_raid: 'Redada en lugar de trabajo',
        arrest: 'Arresto/detención',
        vehicle_stop: 'Parada de vehículo',
        courthouse: 'Arresto en el tribunal',
        checkin_detention: 'Cita de control / detención',
        sighting: 'Avistamiento de ICE',
        labor_abuse: 'Abuso laboral / robo de salario',
        other: 'Otro',
      },
      r: {
        verifier: 'Verificador/a',
        legal_observer: 'Observador/a legal',
        documenter: 'Documentador/a',
        rally_responder: 'Participante de concentración',
        rally_lead: 'Líder de concentración',
        faith_leader: 'Líder religioso/a',
        song_leader: 'Líder de canto',
        interpreter: 'Intérprete',
        medic: 'Auxilio médico',
        driver: 'Conductor/a',
        family_support: 'Apoyo a la familia',
      },
      d: {
        unavailable: 'No disponible',
        no_answer: 'No contestó',
        wrong_number: 'Número equivocado',
        other: 'Otro motivo',
      },
      o: {
        confirmed: 'Confirmado',
        other_agency: 'Otra agencia',
        false_alarm: 'Falsa alarma',
        unverified: 'No se pudo verificar',
      },
    },
  };
  var $ = function (id) {
    return document.getElementById(id);
  };
  var enc = new TextEncoder();
  var lang = /^es\b/i.test(navigator.language || '') ? 'es' : 'en';
  var linkId = '',
    keyPromise = null,
    envelope = null,
    stateKey = 'opening',
    sent = [];

  function b64urlToBytes(s) {
    var bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function bytesToB64url(bytes) {
    var bin = '';
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function uuid() {
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map
      .call(b, function (x) {
        return (x + 256).toString(16).slice(1);
      })
      .join('');
    return (
      h.slice(0, 8) +
      '-' +
      h.slice(8, 12) +
      '-' +
      h.slice(12, 16) +
      '-' +
      h.slice(16, 20) +
      '-' +
      h.slice(20)
    );
  }
  function open(aad, blob) {
    var bytes = b64urlToBytes(blob);
    return keyPromise
      .then(function (key) {
        return crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: enc.encode(aad) },
          key,
          bytes.slice(12),
        );
      })
      .then(function (plain) {
        return JSON.parse(new TextDecoder().decode(plain));
      });
  }
  function seal(aad, value) {
    var iv = crypto.getRandomValues(new Uint8Array(12));
    return keyPromise
      .then(function (key) {
        return crypto.subtle.encrypt(
          { name: 'AES-GCM', iv: iv, additionalData: enc.encode(aad) },
          key,
          enc.encode(JSON.stringify(value)),
        );
      })
      .then(function (ct) {
        var out = new Uint8Array(12 + ct.byteLength);
        out.set(iv);
        out.set(new Uint8Array(ct), 12);
        return bytesToB64url(out);
      });
  }

  function say(key, extra) {
    stateKey = key;
    var el = $('state');
    el.textContent = (T[lang][key] || '') + (extra || '');
    el.className = key === 'gone' || key === 'bad' || key === 'offline' ? 'bad' : '';
  }
  function clock(iso) {
    var d = new Date(iso);
    return isNaN(d)
      ? ''
      : d.toLocaleString(lang === 'es' ? 'es' : 'en', {
          hour: '2-digit',
          minute: '2-digit',
          month: 'short',
          day: 'numeric',
        });
  }
  function fill(select, labels) {
    var keep = select.value;
    select.innerHTML = '';
    Object.keys(labels).forEach(function (k) {
      var o = document.createElement('option');
      o.value = k;
      o.textContent = labels[k];
      select.appendChild(o);
    });
    if (keep) select.value = keep;
  }
  function render() {
    var t = T[lang];
    document.documentElement.lang = lang;
    document.title = t.title;
    $('title').textContent = t.title;
    $('lang').textContent = t.lang;
    $('lang').setAttribute('lang', lang === 'es' ? 'en' : 'es');
    [
      'role',
      'type',
      'meet',
      'time',
      'contact',
      'bring',
      'answer',
      'eta',
      'reason',
      'report',
      'outcome',
      'count',
      'activity',
      'agency',
      'vehicles',
      'equipment',
      'sent',
      'remember',
    ].forEach(function (k) {
      $('l-' + k).textContent = t[k];
    });
    ['accept', 'enroute', 'onscene', 'leaving', 'decline'].forEach(function (k) {
      $(k).textContent = t[k];
    });
    $('send-report').textContent = t.sendReport;
    fill($('reason'), t.d);
    fill($('r-outcome'), t.o);
    say(stateKey);
    if (!envelope) return;
    var e = envelope;
    $('role').textContent = t.r[e.role] || e.role;
    $('type').textContent = t.t[e.incidentType] || e.incidentType;
    $('meet').textContent = e.meetingPoint + (e.meetingNear ? ' (' + e.meetingNear + ')' : '');
    $('time').textContent = clock(e.time);
    $('contact').textContent = e.contact;
    $('contact').href = 'tel:' + e.contact.replace(/[^0-9+]/g, '');
    var bring = $('bring');
    bring.innerHTML = '';
    e.bring.forEach(function (item) {
      var li = document.createElement('li');
      li.textContent = item;
      bring.appendChild(li);
    });
    $('expires').textContent = t.expires + ' ' + clock(e.expiresAt);
    var list = $('sent');
    list.innerHTML = '';
    sent.forEach(function (s) {
      var li = document.createElement('li');
      li.textContent =
        clock(s.at) + ' ' + t['k_' + s.kind] + (s.eta ? ' · ETA ' + s.eta + ' min' : '');
      list.appendChild(li);
    });
  }

  function remembered() {
    return $('remember').checked;
  }
  function storeSent() {
    try {
      if (remembered()) localStorage.setItem('rl:' + linkId, JSON.stringify(sent));
      else localStorage.removeItem('rl:' + linkId);
    } catch {
      /* private mode: nothing to keep */
    }
  }

  /** Posts one sealed answer; a retry reuses the same answer id, so it is applied once. */
  function post(answer, attempt) {
    return seal('answer:' + linkId, answer)
      .then(function (sealed) {
        return fetch('/r/api/' + linkId + '/answers', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'omit',
          body: JSON.stringify({ answerId: answer.answerId, sealed: sealed }),
        });
      })
      .then(function (res) {
        if (res.status === 404) {
          gone();
          return false;
        }
        if (!res.ok) throw new Error('status ' + res.status);
        return true;
      })
      .catch(function () {
        if (attempt >= 5) {
          say('offline');
          return false;
        }
        say('retry');
        return new Promise(function (r) {
          setTimeout(r, 1500 * (attempt + 1));
        }).then(function () {
          return post(answer, attempt + 1);
        });
      });
  }
  function answer(kind, extra) {
    var a = { v: 1, answerId: uuid(), kind: kind };
    for (var k in extra) a[k] = extra[k];
    if (kind !== 'opened') say('sending');
    return post(a, 0).then(function (ok) {
      if (!ok || kind === 'opened') return;
      sent.push({ kind: kind, at: new Date().toISOString(), eta: a.etaMinutes || null });
      storeSent();
      stateKey = 'ok';
      render();
      $('state').textContent = T[lang].ok + T[lang]['k_' + kind];
    });
  }
  function eta() {
    var n = parseInt($('eta').value, 10);
    return n >= 1 && n <= 600 ? n : null;
  }
  function text(id) {
    return $(id).value.trim().slice(0, 300);
  }
  function gone() {
    envelope = null;
    $('job').hidden = true;
    say('gone');
  }

  function start() {
    $('lang').onclick = function () {
      lang = lang === 'es' ? 'en' : 'es';
      render();
    };
    var m = /^#([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(location.hash);
    if (!m || !window.crypto || !crypto.subtle) {
      render();
      return say('bad');
    }
    linkId = m[1];
    keyPromise = crypto.subtle.importKey('raw', b64urlToBytes(m[2]), 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
    render();
    fetch('/r/api/' + linkId, { credentials: 'omit' }).then(
      function (res) {
        if (res.status === 404) return gone();
        if (!res.ok) return say('offline');
        return res.json().then(function (body) {
          return open('envelope:' + linkId, body.envelope).then(
            function (e) {
              if (!e || e.v !== 1) throw new Error('version');
              envelope = e;
              // The phone's own language when it is one of ours, else the one the console chose.
              if (!/^(en|es)\b/i.test(navigator.language || '') && e.locale) lang = e.locale;
              try {
                sent = JSON.parse(localStorage.getItem('rl:' + linkId) || '[]');
                $('remember').checked = sent.length > 0;
              } catch {
                sent = [];
              }
              $('job').hidden = false;
              $('report-box').open = e.role === 'verifier';
              stateKey = '';
              render();
              answer('opened', {});
            },
            function () {
              say('bad');
            },
          );
        });
      },
      function () {
        say('offline');
      },
    );

    $('accept').onclick = function () {
      answer('accept', { etaMinutes: eta() });
    };
    $('enroute').onclick = function () {
      answer('en_route', { etaMinutes: eta() });
    };
    $('onscene').onclick = function () {
      answer('on_scene', {});
    };
    $('leaving').onclick = function () {
      answer('leaving', {});
    };
    $('decline').onclick = function () {
      answer('decline', { reason: $('reason').value });
    };
    $('remember').onchange = storeSent;
    $('send-report').onclick = function () {
      var count = parseInt($('r-count').value, 10);
      answer('report', {
        report: {
          outcome: $('r-outcome').value,
          count: count >= 0 ? count : null,
          activity: text('r-activity'),
          agency: text('r-agency'),
          vehicles: text('r-vehicles'),
          equipment: text('r-equipment'),
        },
      });
    };
  }
  start();
})();
