// <nonstop-chart>: one ApexCharts chart (apexcharts 5.0.0, the last MIT release), drawn from the options
// the server sends (ApexChart.java) and updated in place when new points arrive, without redrawing.
// Values carry their unit; times show in the browser's time zone; Lumo's dark theme is followed.
import ApexCharts from 'apexcharts';

function format(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  const abs = Math.abs(value);
  const digits = Number.isInteger(value) || abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const number = Number(value).toFixed(digits);
  return unit ? `${number} ${unit}` : number;
}

function dark() {
  const theme = document.documentElement.getAttribute('theme') || '';
  return theme.split(' ').includes('dark');
}

class NonstopChart extends HTMLElement {
  constructor() {
    super();
    this._chart = null;
    this._config = null;
  }

  connectedCallback() {
    if (this._config && !this._chart) {
      this._render();
    }
  }

  disconnectedCallback() {
    if (this._chart) {
      this._chart.destroy();
      this._chart = null;
    }
  }

  /** Draws the chart anew from the server's options (a JSON string). */
  draw(json) {
    this._config = JSON.parse(json);
    if (this._chart) {
      this._chart.destroy();
      this._chart = null;
    }
    if (this.isConnected) {
      this._render();
    }
  }

  /**
   * Replaces the series' points in place (a JSON string: the series, or {series, from, to} when the time
   * axis moves with them), as new samples arrive.
   */
  update(json) {
    const parsed = JSON.parse(json);
    const series = Array.isArray(parsed) ? parsed : parsed.series;
    if (this._config) {
      this._config.series = series;
      if (!Array.isArray(parsed)) {
        this._config.from = parsed.from;
        this._config.to = parsed.to;
      }
    }
    if (this._chart) {
      if (!Array.isArray(parsed) && parsed.from && parsed.to) {
        this._chart.updateOptions({ xaxis: { min: parsed.from, max: parsed.to } }, false, false);
      }
      this._chart.updateSeries(series, false);
      this.setAttribute('data-points', String(series.reduce((n, s) => n + s.data.length, 0)));
    }
  }

  _render() {
    const c = this._config;
    const unit = c.unit || '';
    const options = {
      chart: {
        type: c.kind || 'line',
        height: c.height || 160,
        sparkline: { enabled: !!c.sparkline },
        animations: { enabled: false },
        toolbar: { show: false },
        zoom: { enabled: false },
        background: 'transparent',
        fontFamily: 'inherit',
      },
      theme: { mode: dark() ? 'dark' : 'light' },
      series: c.series,
      stroke: { width: 2, curve: 'straight' },
      dataLabels: { enabled: false },
      legend: { show: !c.sparkline && c.series.length > 1, position: 'bottom' },
      xaxis: { type: 'datetime', labels: { datetimeUTC: false }, min: c.from || undefined, max: c.to || undefined },
      yaxis: { min: 0, labels: { formatter: (v) => format(v, unit) } },
      tooltip: {
        x: { format: 'HH:mm:ss' },
        y: { formatter: (v) => format(v, unit) },
      },
      noData: { text: c.empty || '' },
    };
    if (c.max) {
      options.yaxis.max = c.max;
    }
    if (c.markers && c.markers.length) {
      options.annotations = {
        xaxis: c.markers.map((m) => ({ x: m.at, borderColor: '#999', label: { text: m.label } })),
      };
    }
    this._chart = new ApexCharts(this, options);
    this._chart.render().then(() => {
      this.setAttribute('data-drawn', 'true');
      this.setAttribute('data-points', String(c.series.reduce((n, s) => n + s.data.length, 0)));
    });
  }
}

if (!customElements.get('nonstop-chart')) {
  customElements.define('nonstop-chart', NonstopChart);
}
