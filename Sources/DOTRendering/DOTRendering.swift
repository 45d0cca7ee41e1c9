// DOTRendering
