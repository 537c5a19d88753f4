// The check-in page asks the phone for its location once; the guard need not wait for it.
(function () {
  var status = document.getElementById("location-status");
  if (!status || !navigator.geolocation) { return; }
  status.textContent = status.dataset.waiting;
  navigator.geolocation.getCurrentPosition(function (position) {
    document.getElementById("latitude").value = position.coords.latitude.toFixed(6);
    document.getElementById("longitude").value = position.coords.longitude.toFixed(6);
    document.getElementById("accuracy").value = Math.round(position.coords.accuracy);
    status.textContent = status.dataset.found.replace("{accuracy}", Math.round(position.coords.accuracy));
  }, function () {
    status.textContent = status.dataset.none;
  }, { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 });
})();
