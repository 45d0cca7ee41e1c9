// DOTRendering placeholder (delete when real files exist)
